/**
 * The api-version of Azure's PIM API (`Microsoft.Authorization` schedule requests, schedules,
 * policies), the one the Azure SDK (9.x) sends for them.
 */
export const PIM_API_VERSIONS = ['2020-10-01'] as const;
