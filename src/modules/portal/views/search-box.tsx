/**
 * The small search form in the header of every portal page (and on the platform home): a label,
 * a box and a button; a plain GET form, no script. On an agency's pages it searches that agency,
 * and a second button sends the same words to the whole platform (`formaction`, no script either).
 */
import { MAX_QUERY_CHARS } from '../../search/search.js';

export interface SearchBoxProps {
  /** Where the words go: the agency's search page, or the platform's. */
  action: string;
  /** The visible label (e.g. 搜索本机关信息). */
  label: string;
  /** On an agency's pages: the platform's search page, offered as a second button. */
  platformAction?: string | null;
  /** Distinguishes the box's id when a page holds two boxes (header and body). */
  idSuffix?: string;
}

export function SearchBox(p: SearchBoxProps) {
  const id = `search-box-q${p.idSuffix ?? ''}`;
  return (
    <form class="search-box" method="get" action={p.action} role="search" aria-label={p.label}>
      <label for={id}>{p.label}</label>
      <span class="search-box-row">
        <input id={id} type="search" name="q" maxLength={MAX_QUERY_CHARS} autocomplete="off" />
        <button type="submit">搜索</button>
        {p.platformAction ? (
          <button type="submit" class="secondary" formAction={p.platformAction}>
            搜全平台
          </button>
        ) : null}
      </span>
    </form>
  );
}
