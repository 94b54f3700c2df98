package dev.kefu.retrieval;

import dev.kefu.conversation.Message;
import dev.kefu.conversation.Sender;
import dev.kefu.search.Hits;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;

/**
 * A message as a document of the history index, and back: the message id is the key; the workspace a filter
 * term; {@code created_at} a point (for date ranges) and stored; the text stored once and indexed twice
 * ({@link HistoryQuery#TEXT_ZH}, {@link HistoryQuery#TEXT_EN}).
 */
final class HistoryDocuments {
    static final String ID = "id";
    static final String WORKSPACE = "workspace";
    static final String CONVERSATION = "conversation";
    static final String SEQ = "seq";
    static final String CREATED = "created_at";
    static final String SENDER_KIND = "sender_kind";
    static final String SENDER_ID = "sender_id";
    static final String TEXT = "text";

    private HistoryDocuments() {
    }

    /**
     * @param asciiAsChinese analyses the Chinese field of a short all-ASCII text: it yields smartcn's words at
     *                       a fraction of the cost ({@link Analyzers#historyChineseAscii})
     */
    static Document of(Message m, Analyzer asciiAsChinese) {
        Document d = new Document();
        d.add(new StringField(ID, m.id(), Field.Store.YES));
        d.add(new StringField(WORKSPACE, m.workspaceId(), Field.Store.NO));
        d.add(new StoredField(CONVERSATION, m.conversationId()));
        d.add(new StoredField(SEQ, m.seq()));
        d.add(new LongPoint(CREATED, m.createdAt()));
        d.add(new StoredField(CREATED, m.createdAt()));
        d.add(new StoredField(SENDER_KIND, m.sender().kind().wire()));
        if (m.sender().id() != null) {
            d.add(new StoredField(SENDER_ID, m.sender().id()));
        }
        d.add(new StoredField(TEXT, m.text()));
        d.add(isAscii(m.text())
                ? new TextField(HistoryQuery.TEXT_ZH, asciiAsChinese.tokenStream(HistoryQuery.TEXT_ZH, m.text()))
                : new TextField(HistoryQuery.TEXT_ZH, m.text(), Field.Store.NO));
        d.add(new TextField(HistoryQuery.TEXT_EN, m.text(), Field.Store.NO));
        return d;
    }

    /** smartcn reads text in pieces of this many characters and may cut a word where a piece ends. */
    private static final int SMARTCN_BUFFER = 1024;

    /** Whether the cheap analysis gives smartcn's words for this text: all ASCII, and read in one piece. */
    static boolean isAscii(String text) {
        if (text.length() > SMARTCN_BUFFER) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    static Hits.Hit hit(Document doc, double score) {
        return new Hits.Hit(doc.get(ID), doc.get(CONVERSATION), doc.getField(SEQ).numericValue().longValue(),
                new Sender(Sender.Kind.parse(doc.get(SENDER_KIND)), doc.get(SENDER_ID)),
                doc.getField(CREATED).numericValue().longValue(), doc.get(TEXT), score);
    }
}
