import { listOf, type List } from './lists';

export interface Schedule {
  id: string; name: string; kind: 'ONCE' | 'INTERVAL' | 'CRON'; runAt: string | null; every: string | null;
  cron: string | null; timezone: string | null; enabled: boolean; misfire: string; lastRunAt: string | null;
  lastJobId: string | null; targets: { deviceIds: string[]; tags: string[] }; nextRuns: string[];
  system: boolean; jobType: 'BACKUP' | 'REACHABILITY';
}
const FIELDS = '{ id name kind runAt every cron timezone enabled misfire lastRunAt lastJobId targets { deviceIds tags } nextRuns(count: 3) system jobType }';

export const SCHEDULES = `query Schedules { schedules ${listOf(FIELDS)} }`;
export interface SchedulesData { schedules: List<Schedule> }

export const CREATE_SCHEDULE = `mutation CreateSchedule($input: CreateScheduleInput!) { createSchedule(input: $input) ${FIELDS} }`;
export const SET_SCHEDULE_ENABLED = (enabled: boolean): string =>
  enabled ? `mutation Enable($id: ID!) { enableSchedule(id: $id) { id enabled } }` : `mutation Disable($id: ID!) { disableSchedule(id: $id) { id enabled } }`;
export const UPDATE_SCHEDULE = `mutation UpdateSchedule($id: ID!, $input: UpdateScheduleInput!) { updateSchedule(id: $id, input: $input) ${FIELDS} }`;
export const DELETE_SCHEDULE = `mutation DeleteSchedule($id: ID!) { deleteSchedule(id: $id) { id } }`;
