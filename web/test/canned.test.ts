import { describe, expect, it } from 'vitest'
import { fillCanned } from '../src/app/canned'

describe('canned reply variables', () => {
  it('fills the visitor and agent names', () => {
    expect(fillCanned('Hi {{visitor.name}}, I am {{ agent.name }}.', { visitorName: 'Ada', agentName: 'Bob' })).toBe('Hi Ada, I am Bob.')
    expect(fillCanned('{{visitor.name}}您好，我是{{agent.name}}', { visitorName: '王芳', agentName: '小李' })).toBe('王芳您好，我是小李')
  })

  it('leaves no gap for a name it does not know', () => {
    expect(fillCanned('Hi {{visitor.name}}, how can I help?', { agentName: 'Bob' })).toBe('Hi, how can I help?')
    expect(fillCanned('您好{{visitor.name}}，', { visitorName: '  ' })).toBe('您好，')
  })

  it('keeps other variables as written', () => {
    expect(fillCanned('Order {{order.id}}', { visitorName: 'Ada' })).toBe('Order {{order.id}}')
  })
})
