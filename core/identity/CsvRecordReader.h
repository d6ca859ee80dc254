#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace tessera {

// RFC 4180 records from UTF-8 bytes: fields separated by commas, optionally in double quotes ("" is
// one quote inside them, and they may span lines), records ended by CRLF, LF or a lone CR. A UTF-8
// byte-order mark at the start is skipped, and blank lines are skipped wherever they are. Fields stay
// bytes, so a caller can move a secret column into guarded memory without a QString copy, and check
// the encoding itself. Works on bytes because every delimiter is ASCII, which UTF-8 never reuses
// inside a multi-byte character.
class CsvRecordReader
{
public:
    struct Record
    {
        int line = 0; // physical line (1-based) where the record starts
        QList<QByteArray> fields;
        QString error; // set when the quoting is broken; `fields` then holds what could be read
    };

    explicit CsvRecordReader(QByteArrayView data);

    // The next record; false at the end of the data.
    bool next(Record& record);

    static bool hasBom(QByteArrayView data);

private:
    bool atLineEnd() const;
    void skipLineEnd(); // one CRLF, LF or CR
    QByteArray readQuoted(Record& record);
    QByteArray readUnquoted();

    QByteArrayView m_data;
    qsizetype m_pos = 0;
    int m_line = 1;
};

} // namespace tessera
