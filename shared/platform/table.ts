/**
 * The single table: its keys and indexes, in one place. The CDK stack and the local runtime both
 * build the table from `tableDefinition`, so they cannot drift apart.
 *
 * Every GSI is sparse and generic (gsiNpk / gsiNsk); each aggregate's store names the access
 * patterns it serves with them, next to its key builders.
 */
export const KEY = { pk: 'pk', sk: 'sk' } as const;

export const GSI_NAMES = ['gsi1', 'gsi2', 'gsi3', 'gsi4', 'gsi5'] as const;
export type GsiName = (typeof GSI_NAMES)[number];

export interface IndexDefinition {
  name: GsiName;
  partitionKey: string;
  sortKey: string;
}

export const tableDefinition = {
  partitionKey: KEY.pk,
  sortKey: KEY.sk,
  /** The table's stream: work that follows a write (syncing users to Cognito, ...) runs from it. */
  stream: 'NEW_AND_OLD_IMAGES',
  indexes: GSI_NAMES.map(
    (name): IndexDefinition => ({ name, partitionKey: `${name}pk`, sortKey: `${name}sk` }),
  ),
} as const;

export const indexKeys = (name: GsiName): { pk: string; sk: string } => ({
  pk: `${name}pk`,
  sk: `${name}sk`,
});
