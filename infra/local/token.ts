/**
 * npm run token -- <nip>            a local ID token for that employee (roles from their grants)
 * npm run token -- --role <ROLE>    … for the first seeded user holding that role
 * The token alone goes to stdout; needs `npm start` running (reads DynamoDB Local on DYNAMODB_PORT).
 */
import { signInRefusedBecause, tokenClaims } from '../../shared/employees/claims.js';
import { getEmployee, holdersOfRole } from '../../shared/employees/store.js';
import { isRole } from '../../shared/platform/roles.js';
import { argValue, dynamoAnswers, dynamoEndpoint, KEYS_FILE, useLocalDynamo } from './env.js';
import { loadOrCreateKeys, mintToken } from './keys.js';
import { getDemoUsers } from './seed.js';

const fail = (message: string): never => {
  process.stderr.write(`${message}\n`);
  process.exit(2);
};

const main = async () => {
  const args = process.argv.slice(2);
  const role = argValue(args, '--role');
  const nipArg = args.find((a) => /^\d{18}$/.test(a));
  if (!role && !nipArg) fail('usage: npm run token -- <nip>   |   npm run token -- --role <ROLE>');
  const db = useLocalDynamo(dynamoEndpoint());
  if (!(await dynamoAnswers(db)))
    fail(`DynamoDB Local does not answer at ${dynamoEndpoint()}: start the system first (npm start).`);
  let nip = nipArg;
  if (role) {
    if (!isRole(role)) fail(`unknown role ${role}`);
    const demo = await getDemoUsers(db);
    nip =
      demo?.roles[role as keyof typeof demo.roles] ??
      (await holdersOfRole(db, role as never, undefined, 1))[0];
    if (!nip) fail(`no seeded user holds ${role}`);
  }
  const employee = await getEmployee(db, nip as string);
  if (!employee) fail(`no employee with NIP ${nip}`);
  const refused = signInRefusedBecause(employee as NonNullable<typeof employee>);
  if (refused) fail(refused);
  const keys = await loadOrCreateKeys(KEYS_FILE);
  process.stdout.write(`${await mintToken(keys, tokenClaims(employee as NonNullable<typeof employee>))}\n`);
};

main().catch((e) => fail(`token: ${(e as Error).message}`));
