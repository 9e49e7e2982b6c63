// The API names every withheld caller ID (anonymous, restricted, Twilio's keypad numbers, client:/sip: identities)
// with this one phrase in fromDisplay; the web only has to know the phrase, not Twilio's forms.

export const WITHHELD_NUMBER = 'מספר חסוי';

/** True when the caller gave no number: the API's phrase for it, or nothing at all. */
export function isWithheld(fromDisplay: string | null | undefined): boolean {
  return !fromDisplay || fromDisplay === WITHHELD_NUMBER;
}
