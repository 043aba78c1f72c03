/**
 * The provider of the `privilegedAccess` entity set this service is: PIM for Azure resources.
 * Graph has others (`aadroles`…), which this service does not serve.
 */
export interface PrivilegedAccessProvider {
  readonly id: string;
  readonly displayName: string;
}

export const AZURE_RESOURCES: PrivilegedAccessProvider = {
  id: 'azureResources',
  displayName: 'Azure resources',
};

export const PROVIDERS: readonly PrivilegedAccessProvider[] = [AZURE_RESOURCES];
