/**
 * Guards that run before the user leaves a screen (another article, another section): the
 * editor saves its pending changes there. A guard returning false keeps the user where they are.
 */
type Guard = () => Promise<boolean>;

const guards = new Set<Guard>();

export function addLeaveGuard(guard: Guard): () => void {
  guards.add(guard);
  return () => guards.delete(guard);
}

/** Runs every guard; true when all of them let the user go. */
export async function mayLeave(): Promise<boolean> {
  const answers = await Promise.all([...guards].map((g) => g()));
  return answers.every(Boolean);
}
