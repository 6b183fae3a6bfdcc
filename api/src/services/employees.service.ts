import { directoryRoutes as contract, maxEmployeeImport } from '../contracts/index';
import { HeraldError } from '../errors/herald-error';
import { readCsv } from './csv.service';

/**
 * Reads a CSV of employees (wecom_user_id, name) into employees to import. A row that is not a valid
 * employee is refused with its line, in words; nothing is imported then.
 */
export async function parseEmployeesCsv(text: string): Promise<Array<{ wecomUserId: string; name: string }>> {
  const table = await readCsv(text, {
    required: ['wecom_user_id', 'name'],
    maxRows: maxEmployeeImport,
    what: 'employees',
  });
  return table.rows.map(({ line, cells }) => {
    const parsed = contract.createEmployee.body.safeParse({ wecomUserId: cells.wecom_user_id, name: cells.name });
    if (!parsed.success)
      throw new HeraldError(
        'HERALD_ERR_VALIDATION',
        400,
        `Line ${line}: every employee needs a WeCom user id (at most 64 characters) and a name (at most 100).`,
      );
    return parsed.data;
  });
}
