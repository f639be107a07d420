/** Documented exit codes (README "Exit codes"). */
export const EXIT = {
  ok: 0,
  findings: 1,
  usage: 2,
  incomplete: 3,
  interrupted: 130,
} as const;
