// lib/stream-config declares its own types (lib/ imports nothing of the app); they must stay structurally
// identical to the IPC contract's, so results pass to IPC without casts. Checked by the type checker (tsc -b).
import { expectTypeOf, it } from 'vitest';
import type { PatchOp as ContractPatchOp, PlannedRequest as ContractRequest, StreamConfig as ContractConfig, StreamSettings as ContractSettings, StreamState } from '../../../preload/contract/streams';
import type { PatchOp, PlannedRequest, StreamConfig, StreamReadState, StreamSettings } from '../../../lib/stream-config';

it('matches the contract types both ways', () => {
  expectTypeOf<ContractConfig>().toEqualTypeOf<StreamConfig>();
  expectTypeOf<ContractSettings>().toEqualTypeOf<StreamSettings>();
  expectTypeOf<ContractPatchOp>().toExtend<PatchOp>();
  expectTypeOf<PatchOp>().toExtend<ContractPatchOp>();
  expectTypeOf<ContractRequest>().toExtend<PlannedRequest>();
  expectTypeOf<PlannedRequest>().toExtend<ContractRequest>();
  expectTypeOf<StreamState>().toExtend<StreamReadState>();
});
