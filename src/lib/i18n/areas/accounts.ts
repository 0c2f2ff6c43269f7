// Messages of the accounts area (sign-up, login, links, limits). French is the reference; English must have the same keys.
export const fr = {
	'auth.error.rate_limited': 'Trop de demandes. Réessayez dans {minutes} minutes.',
	'auth.error.login_delayed': 'Trop de tentatives sur ce compte. Réessayez dans {seconds} secondes.',
	// links sent by e-mail: each says which link and what to do next
	'auth.token.activation.invalid': 'Ce lien d’activation n’est pas valide. Vérifiez qu’il est complet, ou connectez-vous : un nouveau lien vous sera envoyé.',
	'auth.token.activation.expired': 'Ce lien d’activation a expiré. Connectez-vous avec votre adresse et votre mot de passe : un nouveau lien vous sera envoyé.',
	'auth.token.activation.used': 'Ce lien d’activation a déjà servi : votre compte est activé. Connectez-vous.',
	'auth.token.activation.replaced': 'Ce lien d’activation a été remplacé par un plus récent : utilisez le dernier e-mail reçu.',
	'auth.token.password_reset.invalid': 'Ce lien de réinitialisation n’est pas valide. Vérifiez qu’il est complet, ou demandez-en un nouveau.',
	'auth.token.password_reset.expired': 'Ce lien de réinitialisation a expiré (il est valable 1 heure). Demandez-en un nouveau.',
	'auth.token.password_reset.used': 'Ce lien de réinitialisation a déjà servi. Si besoin, demandez-en un nouveau.',
	'auth.token.password_reset.replaced': 'Ce lien de réinitialisation a été remplacé par un plus récent : utilisez le dernier e-mail reçu.',
	'auth.token.email_change.invalid': 'Ce lien de confirmation d’adresse n’est pas valide. Vérifiez qu’il est complet.',
	'auth.token.email_change.expired': 'Ce lien de confirmation d’adresse a expiré. Refaites la demande depuis Mon compte.',
	'auth.token.email_change.used': 'Ce lien de confirmation d’adresse a déjà servi.',
	'auth.token.email_change.replaced': 'Ce lien de confirmation d’adresse a été remplacé par un plus récent : utilisez le dernier e-mail reçu.',
	'auth.forgot.again': 'Demander un nouveau lien',
	'auth.mail.signup_exists.subject': 'Inscription sur Relais avec votre adresse',
	'auth.mail.signup_exists.body':
		'Quelqu’un — peut-être vous — a voulu créer un compte Relais avec cette adresse e-mail, qui en a déjà un. Si c’était vous, connectez-vous ; si vous avez oublié votre mot de passe, choisissez-en un nouveau ici :',
	'auth.mail.signup_exists.ignore': 'Si ce n’était pas vous, ignorez ce message : rien n’a changé sur votre compte.'
} as const;

export const en: Record<keyof typeof fr, string> = {
	'auth.error.rate_limited': 'Too many requests. Try again in {minutes} minutes.',
	'auth.error.login_delayed': 'Too many attempts on this account. Try again in {seconds} seconds.',
	'auth.token.activation.invalid': 'This activation link is not valid. Check that it is complete, or log in: a new link will be sent to you.',
	'auth.token.activation.expired': 'This activation link has expired. Log in with your email address and password: a new link will be sent to you.',
	'auth.token.activation.used': 'This activation link has already been used: your account is active. Please log in.',
	'auth.token.activation.replaced': 'This activation link was replaced by a newer one: use the latest email you received.',
	'auth.token.password_reset.invalid': 'This password reset link is not valid. Check that it is complete, or ask for a new one.',
	'auth.token.password_reset.expired': 'This password reset link has expired (it is valid for 1 hour). Please ask for a new one.',
	'auth.token.password_reset.used': 'This password reset link has already been used. Ask for a new one if needed.',
	'auth.token.password_reset.replaced': 'This password reset link was replaced by a newer one: use the latest email you received.',
	'auth.token.email_change.invalid': 'This address confirmation link is not valid. Check that it is complete.',
	'auth.token.email_change.expired': 'This address confirmation link has expired. Ask again from My account.',
	'auth.token.email_change.used': 'This address confirmation link has already been used.',
	'auth.token.email_change.replaced': 'This address confirmation link was replaced by a newer one: use the latest email you received.',
	'auth.forgot.again': 'Ask for a new link',
	'auth.mail.signup_exists.subject': 'Sign-up on Relais with your address',
	'auth.mail.signup_exists.body':
		'Someone — maybe you — tried to create a Relais account with this email address, which already has one. If it was you, log in; if you forgot your password, choose a new one here:',
	'auth.mail.signup_exists.ignore': 'If it was not you, ignore this message: nothing changed on your account.'
};
