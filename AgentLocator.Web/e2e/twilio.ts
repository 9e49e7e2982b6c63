// Plays Twilio's side of an inbound call against the e2e API: signed form webhooks, recordings served from the
// fake Twilio recording URL, <Redirect>s followed. Every answer must be 200 TwiML, as Twilio requires.

import { createHmac, randomBytes } from 'node:crypto';
import { request as newRequest, type APIRequestContext } from '@playwright/test';
import { expect } from './fixtures';
import { demoBusinessNumber, e2eTwilioToken, fakesURL } from './environment';

export interface CallerMessage {
  /** The WAV the API downloads as the turn's recording. */
  wav: Buffer;
  /** What the fake speech-to-text answers for it. */
  transcript: string;
}

export interface SimulatedCall {
  from: string;
  messages: CallerMessage[];
  /** CallDuration in the final call_status. */
  durationSeconds: number;
}

export interface SimulatedCallResult {
  callSid: string;
  callId: string;
  transcriptionConfigured: boolean;
}

const sid = (prefix: string) => prefix + randomBytes(16).toString('hex');

/** X-Twilio-Signature: base64 HMAC-SHA1 of the public URL followed by each field name and value, sorted by name. */
export function twilioSignature(token: string, url: string, fields: Record<string, string>): string {
  const data = Object.keys(fields)
    .sort()
    .reduce((text, name) => text + name + fields[name], url);
  return createHmac('sha1', token).update(data, 'utf8').digest('base64');
}

export async function simulateCall(
  api: APIRequestContext,
  baseURL: string,
  call: SimulatedCall,
  beforeHangUp?: (started: Pick<SimulatedCallResult, 'callSid' | 'callId'>) => Promise<void>,
): Promise<SimulatedCallResult> {
  const twilio = await newRequest.newContext({ baseURL });
  const fakes = await newRequest.newContext({ baseURL: fakesURL });
  const callSid = sid('CA');
  const common = { CallSid: callSid, AccountSid: sid('AC'), From: call.from, To: demoBusinessNumber, Direction: 'inbound' };

  async function post(pathAndQuery: string, fields: Record<string, string>): Promise<string> {
    const form = { ...common, ...fields };
    const response = await twilio.post(pathAndQuery, {
      form,
      headers: { 'X-Twilio-Signature': twilioSignature(e2eTwilioToken, baseURL + pathAndQuery, form) },
    });
    expect(response.status(), `${pathAndQuery} answers 200`).toBe(200);
    return response.text();
  }

  try {
    const greeting = await post('/webhook/incoming_call', { CallStatus: 'ringing' });
    expect(greeting).toContain('<Record');
    const list = await (await api.get('/api/calls?limit=20')).json();
    const callId = (list.items as { id: string; from: string }[]).find((item) => item.from === call.from)!.id;

    for (const message of call.messages) {
      await fakes.put('/_fake/openai/transcript', { data: message.transcript });
      const created = await fakes.post('/_fake/twilio/recordings', { data: message.wav, headers: { 'Content-Type': 'audio/x-wav' } });
      const { recordingUrl } = (await created.json()) as { recordingUrl: string };
      const recording = {
        CallStatus: 'in-progress',
        RecordingSid: sid('RE'),
        RecordingUrl: recordingUrl,
        RecordingDuration: String(Math.round((message.wav.length - 44) / 16_000)),
      };
      let twiml = await post('/webhook/handle_recording', { ...recording, Digits: '*' });
      await post('/webhook/recording_status', { ...recording, RecordingStatus: 'completed' });
      // Follow the hold-and-redirect loop to the reply, as Twilio would after playing the hold audio.
      for (let hops = 0; hops < 10; hops++) {
        const redirect = /<Redirect[^>]*>([^<]+)<\/Redirect>/.exec(twiml);
        if (!redirect) break;
        twiml = await post(redirect[1].replaceAll('&amp;', '&'), { CallStatus: 'in-progress' });
      }
      expect(twiml).toMatch(/<(Say|Play)/);
    }

    await beforeHangUp?.({ callSid, callId });
    await post('/webhook/call_status', { CallStatus: 'completed', CallDuration: String(call.durationSeconds) });
    const detail = (await (await api.get(`/api/calls/${callId}`)).json()) as { transcriptionConfigured: boolean };
    return { callSid, callId, transcriptionConfigured: detail.transcriptionConfigured };
  } finally {
    await twilio.dispose();
    await fakes.dispose();
  }
}
