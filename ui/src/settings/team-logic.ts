/** Words and checks of Settings → Team and Settings → Sites → Join a team. */
import type { TeamMember, TeamStatus } from '../lib/ipc';
import { baseName } from './logic';

/** "Ann Smith (you)", with when their work last came in. */
export function memberLine(m: TeamMember, locale?: string): string {
  const who = m.me ? `${m.name} (you)` : m.name || 'A colleague';
  if (m.me) return who;
  return m.seen_at ? `${who} · work received ${when(m.seen_at, locale)}` : `${who} · nothing received yet`;
}

/** A moment as people read it ("7 Dec 2026, 10:45"), or the text as it is. */
export function when(iso: string, locale?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(locale, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** "Last sync 7 Dec 2026, 10:45 · 2 to send · 1 item with two versions". */
export function statusLine(s: TeamStatus, locale?: string): string {
  const parts = [s.last_sync ? `Last sync ${when(s.last_sync, locale)}` : 'Not synced yet'];
  parts.push(s.pending === 0 ? 'nothing to send' : `${s.pending} to send`);
  if (s.conflicts > 0) parts.push(s.conflicts === 1 ? '1 item with two versions' : `${s.conflicts} items with two versions`);
  return parts.join(' · ');
}

/** What is wrong with a join form, or null: said before anything is sent. */
export function joinProblem(invitation: string, folder: string): string | null {
  const text = invitation.trim();
  if (!text) return 'Paste the invitation a colleague sent you (one line starting with masthead-team:).';
  if (!text.startsWith('masthead-team:'))
    return 'This is not a Masthead team invitation: it starts with masthead-team:. Copy the whole line again.';
  if (!folder.trim()) return 'Write the folder for the team’s site (a new or empty folder).';
  return null;
}

/** A folder next to the suggested one, named after the team's site. */
export function joinFolder(suggested: string): string {
  const name = baseName(suggested);
  return suggested.slice(0, suggested.length - name.length) + 'team-site';
}
