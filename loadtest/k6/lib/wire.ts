/**
 * The wire types, taken from the shared protocol package so that a change to an event or a
 * request shape fails the k6 type-check too. Type-only: k6's TypeScript loader erases these
 * imports, so nothing outside loadtest/k6 is needed at run time (the docker image mounts only
 * this folder).
 */
export type { DinewireEvent, EventsPage, SubscribeAck, SubscribeRequest, SyncMessage } from '../../../protocol/src/events.ts';
export type { Dish, Menu, ModifierGroup, Order, OrderCreate, Restaurant, User } from '../../../protocol/src/schemas.ts';
export type { AvailabilityResponse, Reservation, ReservationCreate } from '../../../protocol/src/reservations.ts';
