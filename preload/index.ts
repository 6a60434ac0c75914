import { contextBridge, ipcRenderer } from 'electron';
import { createApi } from './contract/api';

// The renderer gets exactly the contract's methods: no raw ipcRenderer, no process, no channel strings.
contextBridge.exposeInMainWorld(
  'api',
  createApi((channel, input) => ipcRenderer.invoke(channel, input)),
);
