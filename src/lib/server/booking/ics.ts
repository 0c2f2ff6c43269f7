import ICAL from 'ical.js';

/**
 * The calendar invitation attached to booking emails (RFC 5546 iTIP): METHOD:REQUEST when a meeting
 * is booked or moved, METHOD:CANCEL when it is cancelled. Times are UTC; each calendar application
 * shows them in its owner's zone. The UID is stable per booking, SEQUENCE grows with each change.
 */
export interface IcsMeeting {
	uid: string;
	sequence: number;
	start: Date;
	end: Date;
	summary: string;
	description: string;
	url?: string;
	organizer: { name: string; email: string };
	attendee: { name: string; email: string };
	status: 'confirmed' | 'pending' | 'cancelled';
}

function utc(date: Date) {
	return ICAL.Time.fromJSDate(date, true);
}

export function meetingIcs(meeting: IcsMeeting, method: 'REQUEST' | 'CANCEL'): string {
	const calendar = new ICAL.Component(['vcalendar', [], []]);
	calendar.addPropertyWithValue('prodid', '-//Relais//Booking//FR');
	calendar.addPropertyWithValue('version', '2.0');
	calendar.addPropertyWithValue('calscale', 'GREGORIAN');
	calendar.addPropertyWithValue('method', method);

	const event = new ICAL.Component('vevent');
	event.addPropertyWithValue('uid', meeting.uid);
	event.addPropertyWithValue('sequence', meeting.sequence);
	event.addPropertyWithValue('dtstamp', utc(new Date()));
	event.addPropertyWithValue('dtstart', utc(meeting.start));
	event.addPropertyWithValue('dtend', utc(meeting.end));
	event.addPropertyWithValue('summary', meeting.summary);
	event.addPropertyWithValue('description', meeting.description);
	if (meeting.url) event.addPropertyWithValue('url', meeting.url);
	event.addPropertyWithValue('status', method === 'CANCEL' || meeting.status === 'cancelled' ? 'CANCELLED' : meeting.status === 'pending' ? 'TENTATIVE' : 'CONFIRMED');
	event.addPropertyWithValue('transp', 'OPAQUE');
	const organizer = event.addPropertyWithValue('organizer', `mailto:${meeting.organizer.email}`);
	organizer.setParameter('cn', meeting.organizer.name);
	const attendee = event.addPropertyWithValue('attendee', `mailto:${meeting.attendee.email}`);
	attendee.setParameter('cn', meeting.attendee.name);
	attendee.setParameter('role', 'REQ-PARTICIPANT');
	attendee.setParameter('partstat', method === 'CANCEL' ? 'DECLINED' : 'ACCEPTED');
	calendar.addSubcomponent(event);
	// RFC 5545 wants CRLF line endings
	return calendar.toString().replace(/\r?\n/g, '\r\n') + '\r\n';
}
