export { ApiError, HttpClient, isAbortError, toApiError } from './http';
export type { ApiErrorCode, HttpClientOptions, QueryValue, RequestOptions } from './http';
export { DinewireApi } from './client';
export type { MenuQuery, OrderList, OrderListQuery, RestaurantList, RestaurantQuery } from './client';
