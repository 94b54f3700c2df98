// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { filterArticles, linesOf, tagsOf, type Article } from '../src/admin/knowledge'

const article = (title: string, questions: string[], tags: string[] = []): Article => ({
  id: title, title, questions, answer: 'a', tags, enabled: true, createdAt: 0, updatedAt: 0,
})

describe('knowledge base admin helpers', () => {
  const list = [article('Returns / 退货', ['How do I return an item?'], ['returns']), article('Invoices / 发票', ['怎么开发票？'])]

  it('filters on every word, in titles, questions and tags, any case', () => {
    expect(filterArticles(list, '').length).toBe(2)
    expect(filterArticles(list, 'RETURN item').map((a) => a.id)).toEqual(['Returns / 退货'])
    expect(filterArticles(list, '发票').map((a) => a.id)).toEqual(['Invoices / 发票'])
    expect(filterArticles(list, 'returns 发票')).toEqual([])
  })

  it('splits questions by line and tags by commas', () => {
    expect(linesOf(' a \n\n b\n')).toEqual(['a', 'b'])
    expect(tagsOf('shipping, 配送，fast,')).toEqual(['shipping', '配送', 'fast'])
  })
})
