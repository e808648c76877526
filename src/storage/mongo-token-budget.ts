/**
 * `TokenBudget` (src/engine/ports) over MongoDB: one counter document per workspace and month in
 * `token_budgets`, keyed `<workspace>|<YYYY-MM>` and grown with an atomic `$inc` upsert, so
 * concurrent calls from several instances add up without a read-modify-write race. The limit is
 * checked before a call and the tokens added after it, so parallel calls can overshoot a budget by
 * what they spend together; it is a cost guard, not a hard quota.
 */
import type { Collection } from 'mongodb';
import type { TokenBudget } from '../engine/ports/token-budget.js';
import type { MongoConnection } from './mongo-connection.js';

type TokenBudgetDocument = { _id: string; workspace: string; month: string; tokens: number; updatedAt: Date };

function keyOf(workspace: string, month: string): string {
  return `${workspace}|${month}`;
}

export class MongoTokenBudget implements TokenBudget {
  private readonly budgets: Collection<TokenBudgetDocument>;

  constructor(connection: MongoConnection) {
    this.budgets = connection.collection<TokenBudgetDocument>('token_budgets');
  }

  /**
   * Nothing to set up: counters are found by `_id` alone, and the first upsert creates the
   * collection. Kept so every store starts the same way.
   */
  init(): Promise<void> {
    return Promise.resolve();
  }

  async spent(workspace: string, month: string): Promise<number> {
    const doc = await this.budgets.findOne({ _id: keyOf(workspace, month) });
    return doc?.tokens ?? 0;
  }

  async add(workspace: string, month: string, tokens: number): Promise<void> {
    if (!Number.isFinite(tokens) || tokens <= 0) return;
    const update = {
      $inc: { tokens: Math.round(tokens) },
      $set: { updatedAt: new Date() },
      $setOnInsert: { workspace, month },
    };
    try {
      await this.budgets.updateOne({ _id: keyOf(workspace, month) }, update, { upsert: true });
    } catch (error) {
      // Two first upserts of the same month can race to insert; the loser's $inc then finds the document.
      if ((error as { code?: unknown }).code !== 11000) throw error;
      await this.budgets.updateOne({ _id: keyOf(workspace, month) }, update);
    }
  }
}
