/**
 * The port for per-workspace monthly token accounting: an engine that pays per token asks how much
 * a workspace has spent this month before it calls a model, and adds what each call cost.
 * `src/storage/mongo-token-budget.ts` implements it with an atomic `$inc` upsert.
 */

export interface TokenBudget {
  /** Tokens (prompt + completion) the workspace spent in `month` (`YYYY-MM`, UTC). */
  spent(workspace: string, month: string): Promise<number>;
  /** Adds `tokens` to the workspace's count for `month`. */
  add(workspace: string, month: string, tokens: number): Promise<void>;
}
