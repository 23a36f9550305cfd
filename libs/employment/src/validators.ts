export { IsCalendarDate, IsListOf, IsPhone, IsResidentId, Trim, TrimUpperCase } from '#http';

