export { RouteTable } from './table';
export type { RouteDef, RouteMatch, RouteParams, RouteQuery } from './table';
export { Router } from './router.svelte';
export type { NavigateOptions, RouterWindow } from './router.svelte';
export { dashboardRoutes, kioskRoutes } from './screens';
export type { DashboardRoutes, KioskRoutes } from './screens';
