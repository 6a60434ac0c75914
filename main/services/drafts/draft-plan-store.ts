import { randomBytes } from 'node:crypto';
import type { PlanEntry } from '../../../preload/contract';
import { AppError } from '../../ipc/app-error';
import type { PlannedSend } from './draft-planner';

export interface PlanEntryWithSend {
  entry: PlanEntry;
  send: PlannedSend | null;
}

export interface KeptPlan {
  planId: string;
  profileId: string;
  folder: string;
  createdAt: number;
  items: PlanEntryWithSend[];
}

const KEEP = 5;
const MAX_AGE_MS = 60 * 60_000;

/**
 * Plans shown to the user, kept in main with exactly what each entry will send, so Publish applies
 * the plan that was shown and nothing the renderer says. Only the last few, for an hour.
 */
export class DraftPlanStore {
  private readonly plans = new Map<string, KeptPlan>();

  keep(plan: Omit<KeptPlan, 'planId' | 'createdAt'>): KeptPlan {
    const kept: KeptPlan = { ...plan, planId: `plan-${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`, createdAt: Date.now() };
    this.plans.set(kept.planId, kept);
    while (this.plans.size > KEEP) this.plans.delete(this.plans.keys().next().value as string);
    return kept;
  }

  take(planId: string, profileId: string, folder: string): KeptPlan {
    const plan = this.plans.get(planId);
    if (!plan || Date.now() - plan.createdAt > MAX_AGE_MS) {
      if (plan) this.plans.delete(planId);
      throw new AppError('not_found', 'That plan is no longer kept (plans expire after an hour, and only the last five are kept). Plan again, then publish.');
    }
    if (plan.profileId !== profileId) throw new AppError('conflict', 'That plan was made for another profile; nothing was sent. Plan again for the active profile.');
    if (plan.folder !== folder) throw new AppError('conflict', 'That plan was made for another drafts folder; nothing was sent. Plan again.');
    return plan;
  }
}
