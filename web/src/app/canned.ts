// Variables in canned replies, filled in the workbench before the text goes into the composer:
// {{visitor.name}} and {{agent.name}} (spaces inside the braces allowed). An unknown name leaves no gap
// ("Hi {{visitor.name}}, …" becomes "Hi, …"); unknown variables stay as written, so the agent sees them.

export interface CannedContext {
  visitorName?: string | null
  agentName?: string | null
}

const VAR = /(\s*)\{\{\s*(visitor\.name|agent\.name)\s*\}\}/g

export function fillCanned(text: string, ctx: CannedContext): string {
  return text.replace(VAR, (_m, space: string, name: string) => {
    const value = (name === 'visitor.name' ? ctx.visitorName : ctx.agentName)?.trim()
    return value ? space + value : ''
  })
}
