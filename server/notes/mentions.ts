/**
 * Colleagues a note mentions: `@` and an agent's full name ("@Sam Taylor"), or their first name
 * when no other agent shares it ("@Sam"). Case does not matter; the name must end at a word end,
 * so "@Samuel" is not Sam.
 */
export function findMentionedAgents(text: string, agents: ReadonlyArray<{ id: string; name: string }>): string[] {
  const firstNames = new Map<string, number>();
  for (const agent of agents) {
    const first = firstName(agent.name);
    firstNames.set(first, (firstNames.get(first) ?? 0) + 1);
  }
  return agents
    .filter((agent) => {
      const names = [agent.name.trim()];
      if (firstNames.get(firstName(agent.name)) === 1) names.push(firstName(agent.name));
      return names.some((name) => name && new RegExp(`(^|[^\\p{L}\\p{N}])@${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, 'iu').test(text));
    })
    .map((agent) => agent.id);
}

function firstName(name: string): string {
  return name.trim().split(/\s+/)[0]!.toLowerCase();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
