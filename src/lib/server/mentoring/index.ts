// Mentoring (Datalumni part 2): mentors opt in, search, requests with a two-week deadline, "Mes parrainages".
export { CAPACITY_MAX, mentorBySlug, mentorSettings, saveMentorSettings, searchMentors, type MentorCard, type MentorFilters, type MentorSettings } from './mentors.ts';
export { ANSWER_DAYS, REMINDER_DAYS, answerRequest, endMentorship, expireRequest, mentorshipConversation, myMentorships, requestMentor, type MentorshipItem } from './requests.ts';
export { MENTORING_JOBS, mentorshipPayload, remindMentor, sendMentoringMail, sweepMentoringDeadlines } from './mail.ts';
export { registerMentoringSubscribers } from './subscribers.ts';
