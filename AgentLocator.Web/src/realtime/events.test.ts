import { beforeAll, describe, expect, it } from 'vitest';
import { HubEvents, HubMethods } from './events';

// A path, not a URL: under jsdom, URL is jsdom's own class, which Node's fs does not take. (The base is a variable
// so that Vite does not rewrite `new URL('…', import.meta.url)` into an asset URL.)
const testFile = import.meta.url;
const SERVER_FILE = decodeURIComponent(new URL('../../../AgentLocator.Api/Infrastructure/Realtime/HubEvents.cs', testFile).pathname);

/** Vite serves nothing above the web app, so the C# file is read from disk (the app's types leave Node out). */
async function readServerFile(): Promise<string> {
  const nodeFs = 'node:fs/promises';
  const fs = (await import(/* @vite-ignore */ nodeFs)) as { readFile(path: string, encoding: 'utf8'): Promise<string> };
  return fs.readFile(SERVER_FILE, 'utf8');
}

/** The C# class's names: string constants for events, nameof(AgentHub.X) for hub methods. */
function serverNames(source: string) {
  const code = source.replace(/\/\/\/?.*$/gm, '');
  const events = [...code.matchAll(/const\s+string\s+\w+\s*=\s*"([^"]+)"/g)].map((match) => match[1]);
  const methods = [...code.matchAll(/const\s+string\s+\w+\s*=\s*nameof\(AgentHub\.(\w+)\)/g)].map((match) => match[1]);
  return { events, methods };
}

describe('SignalR names', () => {
  let server: ReturnType<typeof serverNames>;
  beforeAll(async () => {
    server = serverNames(await readServerFile());
  });

  it('reads names from the server class (a parse that finds nothing would agree with anything)', () => {
    expect(server.events.length).toBeGreaterThan(0);
    expect(server.methods.length).toBeGreaterThan(0);
  });

  it('has the same event names on the client as AgentLocator.Api/Infrastructure/Realtime/HubEvents.cs', () => {
    expect(Object.values(HubEvents).sort()).toEqual([...server.events].sort());
  });

  it('has the same hub method names on the client as AgentLocator.Api/Infrastructure/Realtime/HubEvents.cs', () => {
    expect(Object.values(HubMethods).sort()).toEqual([...server.methods].sort());
  });
});
