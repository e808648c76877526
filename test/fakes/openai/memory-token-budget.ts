/** An in-memory `TokenBudget` for tests that do not need the database (the Mongo one has its own tests). */
import type { TokenBudget } from '../../../src/engine/openai/index.js';

export class MemoryTokenBudget implements TokenBudget {
  readonly spentBy = new Map<string, number>();

  async spent(workspace: string, month: string): Promise<number> {
    return this.spentBy.get(`${workspace}|${month}`) ?? 0;
  }

  async add(workspace: string, month: string, tokens: number): Promise<void> {
    const key = `${workspace}|${month}`;
    this.spentBy.set(key, (this.spentBy.get(key) ?? 0) + tokens);
  }
}
