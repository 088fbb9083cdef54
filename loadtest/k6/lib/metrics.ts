/**
 * Every custom metric of the four scripts, named as the thresholds in config.ts and the
 * harness's JSON (loadtest/results/latest.json) name the same figures. k6 prints only metrics
 * that got a sample, so a script shows just its own.
 */
import { Counter, Rate, Trend } from 'k6/metrics';

// ---- screens (fan-out and failover)
/** Commit (the event's server-stamped `at`) → the frame read by k6, per delivery. Tags: scope, via. */
export const eventLatency = new Trend('event_latency_ms', true);
/** From the committing node's send (the event's `publishedAt`, live deliveries only) → the frame read by k6. */
export const publishLatency = new Trend('publish_latency_ms', true);
/** Deliveries to screens (one event reaching ten screens counts ten). Tag: scope. */
export const eventsReceived = new Counter('events_received');
/** Catch-ups over HTTP after a gap, a sync ahead of the cursor, or a reconnect. */
export const catchUps = new Counter('catch_ups');
export const catchUpDuration = new Trend('catch_up_ms', true);
export const catchUpFailures = new Counter('catch_up_failures');
/** Sockets that got subscribed (first time only). */
export const screensSubscribed = new Counter('screens_subscribed');
/** Subscriptions or handshakes the server refused (a bad token or a scope not allowed). */
export const subscribeRefused = new Counter('subscribe_refused');
/** Time from opening a socket to the first subscribe ack. */
export const subscribeDuration = new Trend('subscribe_ms', true);

// ---- orders
export const orderDuration = new Trend('order_duration_ms', true);
/** true for a failed order: 5xx, a network error, or a 4xx other than out_of_stock. */
export const orderErrors = new Rate('order_errors');
export const ordersPlaced = new Counter('orders_placed');
/** 409 out_of_stock: expected once the demo stock runs out; never a failure. */
export const ordersOutOfStock = new Counter('orders_out_of_stock');
/** Every answer that is not a 201, by `code` tag (the error code, `http_<status>`, or `network`). */
export const ordersRejected = new Counter('orders_rejected');
export const bumps = new Counter('bumps');
/** A bump that found its item already moved on (two bumpers on one order): not a failure. */
export const bumpConflicts = new Counter('bump_conflicts');
export const bumpErrors = new Counter('bump_errors');

// ---- failover
/** From a socket's loss to its re-subscribed ack. */
export const reconnectDuration = new Trend('reconnect_ms', true);
export const socketsLost = new Counter('sockets_lost');
/** Sockets not subscribed again by the end of the run. */
export const neverReconnected = new Counter('never_reconnected');
/** Orders answered 201 (with the client-made Idempotency-Key). */
export const ordersAcked = new Counter('orders_acked');
/** Attempts of an order beyond its first (connection reset, timeout, 5xx, 409 key busy). */
export const orderRetries = new Counter('order_retries');
/** Orders never acknowledged within their retry window: not a loss (never promised), but reported. */
export const ordersUnacked = new Counter('orders_unacked');
/** Acknowledged orders the server no longer has. */
export const ordersLost = new Counter('orders_lost');
/** Keys that answered two different order ids, or whose replay answered another order. */
export const ordersDuplicated = new Counter('orders_duplicated');
/** Acked orders whose check could not be completed (the server kept failing). */
export const ordersUnverified = new Counter('orders_unverified');
/** Committed events a screen's scope should hold that it does not, after catching up. */
export const eventsMissingAfterResync = new Counter('events_missing_after_resync');
/** Events a screen holds that its scope's log does not, twice, or out of order. */
export const eventsUnexpected = new Counter('events_unexpected');
/** Screens whose events were compared with the log at the end. */
export const screensChecked = new Counter('screens_checked');

// ---- bookings
/** GET availability, from the request to the answer. */
export const availabilityDuration = new Trend('availability_ms', true);
/** true for a failed availability read: anything but a 200 with slots. */
export const availabilityErrors = new Rate('availability_errors');
/** POST /reservations, from the request to the answer. Tag: kind (race or spread). */
export const bookingDuration = new Trend('booking_ms', true);
/** 201s. Tag: kind. */
export const bookingsCreated = new Counter('bookings_created');
/** 409 slot_unavailable: the table went to another guest, or the slot is full. Never a failure. Tag: kind. */
export const bookingsConflicted = new Counter('bookings_conflicted');
/** true for a failed booking: 5xx, no answer, or a 4xx other than 409 slot_unavailable. */
export const bookingErrors = new Rate('booking_errors');
/** Pairs of live bookings holding one table at overlapping times, in the day's list at the end. */
export const doubleBooked = new Counter('double_booked');
/** Bookings of the day the end-of-run check read (the check ran). */
export const bookingsChecked = new Counter('bookings_checked');
