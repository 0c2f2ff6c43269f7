import type { Actions, PageServerLoad } from './$types';
import { answerConsultation, cancelConsultation, consultationView, declineConsultation, extendConsultation } from '#lib/server/referencing/index.ts';
import { actorOf, formObject } from '#lib/server/http.ts';
import { act, loadFailure } from '../../transport.ts';

export const load: PageServerLoad = async (event) => {
	try {
		return { consultation: await consultationView(actorOf(event), event.params.id) };
	} catch (failure) {
		loadFailure(failure, event.locals.locale, event.url);
	}
};

export const actions: Actions = {
	answer: (event) => act(event, 'referencing.consultation.answered_ok', (form) => answerConsultation(actorOf(event), event.params.id, formObject(form), form.get('quoteAttachment')), 'amount', 'message'),
	decline: (event) => act(event, 'referencing.saved', (form) => declineConsultation(actorOf(event), event.params.id, formObject(form)), 'reason'),
	cancel: (event) => act(event, 'referencing.saved', () => cancelConsultation(actorOf(event), event.params.id)),
	extend: (event) => act(event, 'referencing.saved', (form) => extendConsultation(actorOf(event), event.params.id, formObject(form)), 'closingDate')
};
