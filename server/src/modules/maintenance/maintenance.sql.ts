/**
 * Raw SQL of pruning: PostgreSQL's DELETE has no LIMIT, so each statement deletes one batch of
 * rows picked by a sub-select; the caller repeats it until a batch comes back short. Binds:
 * now, batch, and what each names.
 */

/** Stored responses of requests older than a day: a retry that late is a new request. */
export const PRUNE_IDEMPOTENCY_KEYS = `DELETE FROM idempotency_keys WHERE ctid IN (
  SELECT ctid FROM idempotency_keys WHERE created_at < $now::timestamptz - interval '24 hours' LIMIT $batch)`;

/** Sessions that can no longer be used: expired, revoked, or a user's idle past the timeout. */
export const PRUNE_SESSIONS = `DELETE FROM sessions WHERE id IN (
  SELECT id FROM sessions
   WHERE expires_at < $now::timestamptz OR revoked_at IS NOT NULL
      OR (user_id IS NOT NULL AND last_used_at < $now::timestamptz - make_interval(mins => $idleMinutes::int))
   LIMIT $batch)`;

/** Sign-ups whose code expired. */
export const PRUNE_REGISTRATIONS = `DELETE FROM registrations WHERE id IN (
  SELECT id FROM registrations WHERE expires_at < $now::timestamptz LIMIT $batch)`;

/** Messages past their days, sent or not: a sign-up code in them is long expired. */
export const PRUNE_OUTBOX = `DELETE FROM outbox_messages WHERE id IN (
  SELECT id FROM outbox_messages WHERE created_at < $now::timestamptz - make_interval(days => $days::int) LIMIT $batch)`;

/** Binds: none. Every restaurant with an event log. */
export const RESTAURANTS_WITH_EVENTS = 'SELECT restaurant_id FROM restaurant_counters ORDER BY restaurant_id';

/**
 * One batch of a restaurant's oldest events, older than `cutoff`, and only a prefix by seq: the
 * first kept event stops it, so the log stays gap-free after its oldest row (catch-up relies on
 * that to tell a pruned cursor to reload). Walks the primary key; needs no index on time.
 */
export const PRUNE_EVENTS = `WITH head AS (
    SELECT seq, at FROM events WHERE restaurant_id = $restaurantId ORDER BY seq LIMIT $batch),
  stop AS (SELECT coalesce(min(seq), 9223372036854775807) AS seq FROM head WHERE at >= $cutoff::timestamptz)
  DELETE FROM events e USING head, stop
   WHERE e.restaurant_id = $restaurantId AND e.seq = head.seq AND head.seq < stop.seq`;
