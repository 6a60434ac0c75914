import { useEffect, useState } from 'react';
import { useAppStore } from '../../state/store';
import { DraftsView } from '../drafts/DraftsView';
import { ConnectionTemplatesTab } from './ConnectionTemplatesTab';
import { SourceTemplatesTab } from './SourceTemplatesTab';
import { TagsTab } from './TagsTab';
import { Tabs, type TabSpec } from './Tabs';
import { useTemplatesStore } from './use-templates-store';
import { useAppIntentPeek } from '../../ui/app-intents';

type TabId = 'sources' | 'connections' | 'tags' | 'drafts';
const TABS: TabSpec<TabId>[] = [
  { id: 'sources', label: 'Source templates' },
  { id: 'connections', label: 'Connection templates' },
  { id: 'tags', label: 'Tags' },
  { id: 'drafts', label: 'Drafts' },
];

/** The profile the store's content belongs to: coming back to the area keeps an unsaved editor. */
let loadedFor: string | null = null;

/** Source and connection templates and the tag registry, online; and the drafts folder, offline. */
export function TemplatesView() {
  const report = useAppStore((s) => s.report);
  const profileId = report.status === 'ready' ? report.value.activeProfile.id : null;
  const [tab, setTab] = useState<TabId>('sources');
  const { reset, loadDefinitions, loadTags, loadSecretNames, loadSources, loadConnections } = useTemplatesStore.getState();

  useEffect(() => {
    if (!profileId || loadedFor === profileId) return;
    // Another profile is another organization: nothing of the previous one may stay on screen.
    loadedFor = profileId;
    reset();
    void loadDefinitions();
    void loadTags();
    void loadSecretNames();
    void loadSources();
    void loadConnections();
  }, [profileId, reset, loadDefinitions, loadTags, loadSecretNames, loadSources, loadConnections]);

  // The palette's "New source template", "New connection template" and "New draft" first show their
  // tab; the tab's own component then takes the request and runs its button's handler.
  useAppIntentPeek(['new-source-template'], () => setTab('sources'));
  useAppIntentPeek(['new-connection-template'], () => setTab('connections'));
  useAppIntentPeek(['new-draft'], () => setTab('drafts'));

  return (
    <section className="view templates-view" aria-labelledby="templates-title">
      <header className="view-header">
        <h1 id="templates-title">Templates</h1>
      </header>
      <Tabs
        label="Templates"
        tabs={TABS}
        selected={tab}
        onSelect={(next) => {
          // “Cloned…”, “Tag renamed…” are about the tab they were said on.
          if (next !== tab) useTemplatesStore.getState().clearNotice();
          setTab(next);
        }}
        idPrefix="templates"
      />
      {TABS.map((t) => (
        <div key={t.id} role="tabpanel" id={`templates-panel-${t.id}`} aria-labelledby={`templates-tab-${t.id}`} hidden={tab !== t.id} className="tab-panel">
          {tab === t.id && t.id === 'sources' && <SourceTemplatesTab />}
          {tab === t.id && t.id === 'connections' && <ConnectionTemplatesTab />}
          {tab === t.id && t.id === 'tags' && <TagsTab />}
          {tab === t.id && t.id === 'drafts' && <DraftsView />}
        </div>
      ))}
    </section>
  );
}
