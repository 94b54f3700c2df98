import { describe, expect, it } from 'vitest'
import { segments } from '../src/app/highlight'

const marked = (text: string, ranges: number[][]) =>
  segments(text, ranges)
    .filter((s) => s.mark)
    .map((s) => s.text)

describe('segments (search highlights)', () => {
  it('splits a snippet into plain and marked pieces that join back to the text', () => {
    const text = '我想申请退款，订单号是8841'
    const s = segments(text, [[4, 6], [7, 10]])
    expect(s).toEqual([
      { text: '我想申请', mark: false },
      { text: '退款', mark: true },
      { text: '，', mark: false },
      { text: '订单号', mark: true },
      { text: '是8841', mark: false },
    ])
    expect(s.map((x) => x.text).join('')).toBe(text)
  })

  it('handles ranges at both ends and no ranges at all', () => {
    expect(segments('refund', [[0, 6]])).toEqual([{ text: 'refund', mark: true }])
    expect(segments('a refund', [[2, 8]])).toEqual([
      { text: 'a ', mark: false },
      { text: 'refund', mark: true },
    ])
    expect(segments('plain', [])).toEqual([{ text: 'plain', mark: false }])
    expect(segments('plain', null)).toEqual([{ text: 'plain', mark: false }])
    expect(segments('', [[0, 3]])).toEqual([{ text: '', mark: false }])
  })

  it('sorts, merges and clips ranges, and drops empty or malformed ones', () => {
    expect(marked('abcdefghij', [[6, 8], [1, 3], [2, 4], [9, 99], [5, 5], [-3, 1]])).toEqual(['abcd', 'gh', 'j'])
    expect(marked('abc', [[2, 1], [Number.NaN, 2], [1] as number[], 'x' as unknown as number[]])).toEqual([])
    expect(segments('abcdef', [[1, 2], [2, 4]])).toEqual([
      { text: 'a', mark: false },
      { text: 'bcd', mark: true },
      { text: 'ef', mark: false },
    ])
  })

  it('never cuts a surrogate pair (offsets are UTF-16, like the server’s)', () => {
    const text = 'ok 😀 refund'
    expect(marked(text, [[4, 5]])).toEqual(['😀'])
    expect(marked(text, [[6, 12]])).toEqual(['refund'])
    expect(marked(text, [[3, 4]])).toEqual(['😀'])
  })

  it('keeps markup in the text as text', () => {
    const s = segments('<img src=x onerror=alert(1)> refund', [[29, 35]])
    expect(s[0]).toEqual({ text: '<img src=x onerror=alert(1)> ', mark: false })
    expect(s[1]).toEqual({ text: 'refund', mark: true })
  })
})
