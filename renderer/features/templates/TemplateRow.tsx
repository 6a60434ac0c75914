import type { ReactNode } from 'react';

/** One template in a list (source or connection): name, a detail line, its tags; the whole row opens it. */
export function TemplateRow({ name, detail, tags, current, onOpen }: { name: string; detail: ReactNode; tags: string[]; current: boolean; onOpen: () => void }) {
  return (
    <li>
      <button type="button" className="template-row" aria-current={current ? 'true' : undefined} onClick={onOpen}>
        <span className="template-name">{name}</span>
        <span className="muted template-detail">{detail}</span>
        <span className="template-tags">
          {tags.map((tag) => (
            <span key={tag} className="tag">
              {tag}
            </span>
          ))}
        </span>
      </button>
    </li>
  );
}
