export { IsCalendarDate, IsPhone, IsResidentId, Trim, TrimUpperCase } from '#http';

