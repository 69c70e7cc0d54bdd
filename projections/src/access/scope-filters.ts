import { sql, type RawBuilder } from 'kysely';

/**
 * Tag scopes in SQL: a scoped reader sees a device when it carries one of the scope's tags, a job
 * when it targets such a device (listed, dispatched, or through one of the scope's tags), and a log
 * line when its device is visible, or it has no device and its job is visible. Each filter is one
 * predicate on the outer table, so lists are filtered before their limit.
 */
export const deviceInScope = (deviceIdColumn: string, scope: readonly string[]): RawBuilder<boolean> =>
  sql<boolean>`exists (select 1 from device_tags st where st.device_id = ${sql.ref(deviceIdColumn)} and st.tag = any(${[...scope]}::text[]))`;

export const jobInScope = (jobIdColumn: string, scope: readonly string[]): RawBuilder<boolean> => {
  const tags = [...scope];
  return sql<boolean>`exists (select 1 from jobs sj where sj.id = ${sql.ref(jobIdColumn)} and (
    exists (select 1 from job_devices sjd join device_tags st on st.device_id = sjd.device_id
             where sjd.job_id = sj.id and st.tag = any(${tags}::text[]))
    or exists (select 1 from device_tags st
                where st.device_id in (select jsonb_array_elements_text(sj.target_device_ids)) and st.tag = any(${tags}::text[]))
    or sj.target_tags ?| ${tags}::text[]))`;
};

export const logInScope = (scope: readonly string[]): RawBuilder<boolean> =>
  sql<boolean>`((logs.device_id is not null and ${deviceInScope('logs.device_id', scope)})
    or (logs.device_id is null and logs.job_id is not null and ${jobInScope('logs.job_id', scope)}))`;
