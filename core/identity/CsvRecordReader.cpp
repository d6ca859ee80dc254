#include "identity/CsvRecordReader.h"

namespace tessera {

CsvRecordReader::CsvRecordReader(QByteArrayView data) : m_data(data)
{
    if (hasBom(data)) {
        m_pos = 3;
    }
}

bool CsvRecordReader::hasBom(QByteArrayView data)
{
    return data.startsWith("\xEF\xBB\xBF");
}

bool CsvRecordReader::atLineEnd() const
{
    return m_pos < m_data.size() && (m_data[m_pos] == '\n' || m_data[m_pos] == '\r');
}

void CsvRecordReader::skipLineEnd()
{
    if (m_data[m_pos] == '\r' && m_pos + 1 < m_data.size() && m_data[m_pos + 1] == '\n') {
        ++m_pos;
    }
    ++m_pos;
    ++m_line;
}

bool CsvRecordReader::next(Record& record)
{
    while (atLineEnd()) {
        skipLineEnd();
    }
    record = Record{};
    if (m_pos >= m_data.size()) {
        return false;
    }
    record.line = m_line;
    while (true) {
        if (m_data[m_pos] == '"') {
            record.fields.append(readQuoted(record));
        } else {
            record.fields.append(readUnquoted());
        }
        if (m_pos >= m_data.size()) {
            return true;
        }
        if (m_data[m_pos] == ',') {
            ++m_pos;
            if (m_pos >= m_data.size()) {
                record.fields.append(QByteArray()); // "a,b," ends in an empty field
                return true;
            }
            continue;
        }
        // readQuoted/readUnquoted stop only at a comma, a line end or the end of the data.
        skipLineEnd();
        return true;
    }
}

QByteArray CsvRecordReader::readUnquoted()
{
    const qsizetype start = m_pos;
    while (m_pos < m_data.size()) {
        const char c = m_data[m_pos];
        if (c == ',' || c == '\n' || c == '\r') {
            break;
        }
        ++m_pos; // a stray quote inside an unquoted field (5" floppy) is taken literally, as most readers do
    }
    return m_data.sliced(start, m_pos - start).toByteArray();
}

QByteArray CsvRecordReader::readQuoted(Record& record)
{
    const int openedOn = m_line;
    ++m_pos; // the opening quote
    QByteArray field;
    while (true) {
        if (m_pos >= m_data.size()) {
            if (record.error.isEmpty()) {
                record.error =
                    QStringLiteral("a quoted field opened on line %1 is never closed").arg(openedOn);
            }
            return field;
        }
        const char c = m_data[m_pos];
        if (c == '"') {
            if (m_pos + 1 < m_data.size() && m_data[m_pos + 1] == '"') {
                field.append('"');
                m_pos += 2;
                continue;
            }
            ++m_pos;
            break;
        }
        if (c == '\r' || c == '\n') {
            // A line break inside a field is kept as LF whatever the file uses, so values compare
            // the same whichever system wrote the file.
            field.append('\n');
            skipLineEnd();
            continue;
        }
        field.append(c);
        ++m_pos;
    }
    if (m_pos < m_data.size() && m_data[m_pos] != ',' && !atLineEnd()) {
        if (record.error.isEmpty()) {
            record.error = QStringLiteral("unexpected text after the closing quote of field %1; a quote "
                                          "inside a quoted field must be doubled (\"\")")
                               .arg(record.fields.size() + 1);
        }
        // Keep the rest of the field so the column count still lines up.
        field.append(readUnquoted());
    }
    return field;
}

} // namespace tessera
