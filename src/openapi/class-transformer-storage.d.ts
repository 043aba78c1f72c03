// What `@Type` declares is kept in a storage that class-transformer's index neither exports nor
// types; @nestjs/mapped-types reads it from this same module.
declare module 'class-transformer/cjs/storage.js' {
  import type { TypeMetadata } from 'class-transformer';

  export const defaultMetadataStorage: {
    findTypeMetadata(
      target: abstract new () => object,
      propertyName: string,
    ): TypeMetadata | undefined;
  };
}
