import type { SettingsField } from './logic';

/** What the settings form knows about its fields' problems, for the cards to show. */
export interface FieldChecks {
  /** The problem with a field (`title`, `sections.12.slug`…), checked here or refused by the backend. */
  problem(key: string): string | null;
  /** `aria-describedby` for a field: its note, when it shows one. */
  describedBy(key: string, hint?: boolean): string | undefined;
  /** The backend's refusal of a whole card's field, like `sections`. */
  refused(field: SettingsField): string | null;
}
