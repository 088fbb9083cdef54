import type { TicketAges, TicketAgesUpdate } from '@dinewire/protocol';
import { isAbortError, toApiError } from '@dinewire/ui/api';
import { errorMessage, type MessageParams, type UiMessageKey } from '@dinewire/ui/i18n';
import type { Key } from './messages';

export type AgeField = keyof TicketAges;

/** The bounds of `TicketAgesUpdateSchema` (protocol), to say them in the field's message; the server judges. */
export const AGE_BOUNDS: Record<AgeField, { min: number; max: number }> = {
  amberMinutes: { min: 1, max: 240 },
  redMinutes: { min: 2, max: 480 },
};

export interface FormMessage {
  key: Key | UiMessageKey;
  params?: MessageParams;
}

/** The rail's thresholds (see KitchenRail). */
export interface AgesHolder {
  readonly ages: TicketAges;
  readonly agesRevision: number;
  acceptAges(ages: TicketAges, revision: number): void;
}

export interface TicketAgesPort {
  setTicketAges(restaurantId: string, body: TicketAgesUpdate): Promise<TicketAges>;
}

/** What the form sends: a field as typed, a number when it is digits (anything else is the server's to refuse, naming it). */
function typed(text: string): number | string {
  const t = text.trim();
  return /^\d{1,6}$/.test(t) ? Number(t) : t;
}

const isWhole = (v: unknown, field: AgeField): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= AGE_BOUNDS[field].min && v <= AGE_BOUNDS[field].max;

/**
 * A manager's form for when kitchen tickets turn amber and red. It sends only what changed (the
 * server checks amber < red against the stored other, under a lock), and shows each 400 beside the
 * field it names, in the screen's language. Open screens, this one too, recolour by the
 * `kitchen.settings` event; the answer is applied at once unless such an event came meanwhile.
 */
export class TicketAgesForm {
  readonly #restaurantId: string;
  readonly #api: TicketAgesPort;
  /** The thresholds the screen shows now (followed live). */
  readonly #rail: AgesHolder;

  isOpen = $state(false);
  amber = $state('');
  red = $state('');
  saving = $state(false);
  errors = $state.raw<Partial<Record<AgeField, FormMessage>>>({});
  formError = $state.raw<FormMessage | null>(null);

  constructor(opts: { restaurantId: string; api: TicketAgesPort; rail: AgesHolder }) {
    this.#restaurantId = opts.restaurantId;
    this.#api = opts.api;
    this.#rail = opts.rail;
  }

  open(): void {
    const ages = this.#rail.ages;
    this.amber = String(ages.amberMinutes);
    this.red = String(ages.redMinutes);
    this.errors = {};
    this.formError = null;
    this.isOpen = true;
  }

  cancel(): void {
    if (this.saving) return;
    this.isOpen = false;
    this.errors = {};
    this.formError = null;
  }

  /** Sends the change; true when it is saved (or nothing changed) and the form has closed. */
  async save(): Promise<boolean> {
    if (this.saving) return false;
    const now = this.#rail.ages;
    const revision = this.#rail.agesRevision;
    const amber = typed(this.amber);
    const red = typed(this.red);
    const body: Record<string, unknown> = {};
    if (amber !== now.amberMinutes) body.amberMinutes = amber;
    if (red !== now.redMinutes) body.redMinutes = red;
    this.errors = {};
    this.formError = null;
    if (Object.keys(body).length === 0) {
      this.isOpen = false;
      return true;
    }
    this.saving = true;
    try {
      const ages = await this.#api.setTicketAges(this.#restaurantId, body as TicketAgesUpdate);
      this.#rail.acceptAges(ages, revision);
      this.isOpen = false;
      return true;
    } catch (error) {
      if (isAbortError(error)) return false;
      const apiError = toApiError(error);
      const errors: Partial<Record<AgeField, FormMessage>> = {};
      if (apiError.code === 'validation') {
        for (const d of apiError.details) {
          const field = d.field === 'amberMinutes' || d.field === 'redMinutes' ? d.field : null;
          if (field && !errors[field]) errors[field] = this.#fieldMessage(field, body, now);
        }
      }
      this.errors = errors;
      if (Object.keys(errors).length === 0) this.formError = errorMessage(apiError);
      return false;
    } finally {
      this.saving = false;
    }
  }

  /** The field the server named: out of its bounds, or on the wrong side of the other threshold. */
  #fieldMessage(field: AgeField, body: Record<string, unknown>, now: TicketAges): FormMessage {
    const sent = body[field] ?? now[field];
    if (!isWhole(sent, field)) return { key: `kitchen.ages.error.range.${field}`, params: AGE_BOUNDS[field] };
    const other: AgeField = field === 'amberMinutes' ? 'redMinutes' : 'amberMinutes';
    const sentOther = body[other];
    const otherValue = isWhole(sentOther, other) ? sentOther : now[other];
    return field === 'amberMinutes'
      ? { key: 'kitchen.ages.error.order.amberMinutes', params: { red: otherValue } }
      : { key: 'kitchen.ages.error.order.redMinutes', params: { amber: otherValue } };
  }
}
