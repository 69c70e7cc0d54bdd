/** Progress for a human, on stderr: stdout carries only the one-JSON-object-per-line figures. */
export function note(message: string): void {
  console.error(`# ${message}`);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
