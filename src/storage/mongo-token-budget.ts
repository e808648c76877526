/**
 * `TokenBudget` (src/engine/ports) over MongoDB: one counter document per workspace and month in
 * `token_budgets`, keyed `<workspace>|<YYYY-MM>` and grown with an atomic `$inc` upsert, so
 * concurrent calls from several instances add up without a read-modify-write race. The limit is
 * checked before a call and the tokens added after it, so parallel calls can overshoot a budget by
 * what they spend together; it is a cost guard, not a hard quota.
 */
import { Schema, type Connection, type Model } from 'mongoose';
import type { TokenBudget } from '../engine/ports/token-budget.js';

type TokenBudgetDocument = { _id: string; workspace: string; month: string; tokens: number; updatedAt: Date };

const tokenBudgetSchema = new Schema<TokenBudgetDocument>(
  {
    _id: { type: String, required: true },
    workspace: { type: String, required: true },
    month: { type: String, required: true },
    tokens: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'token_budgets', versionKey: false },
);

function tokenBudgetModel(connection: Connection): Model<TokenBudgetDocument> {
  return (
    (connection.models.TokenBudget as Model<TokenBudgetDocument> | undefined) ??
    connection.model<TokenBudgetDocument>('TokenBudget', tokenBudgetSchema)
  );
}

function keyOf(workspace: string, month: string): string {
  return `${workspace}|${month}`;
}

export class MongoTokenBudget implements TokenBudget {
  private readonly model: Model<TokenBudgetDocument>;

  constructor(connection: Connection) {
    this.model = tokenBudgetModel(connection);
  }

  /** Creates the collection's indexes (only `_id`; kept for symmetry with the other stores). */
  async init(): Promise<void> {
    await this.model.init();
  }

  async spent(workspace: string, month: string): Promise<number> {
    const doc = await this.model.findById(keyOf(workspace, month)).lean<TokenBudgetDocument>().exec();
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
      await this.model.updateOne({ _id: keyOf(workspace, month) }, update, { upsert: true }).exec();
    } catch (error) {
      // Two first upserts of the same month can race to insert; the loser's $inc then finds the document.
      if ((error as { code?: unknown }).code !== 11000) throw error;
      await this.model.updateOne({ _id: keyOf(workspace, month) }, update).exec();
    }
  }
}
