#include "common/ClipboardHelper.h"

#include "settings/Preferences.h"

#include <QClipboard>
#include <QCryptographicHash>
#include <QGuiApplication>
#include <QMimeData>
#include <algorithm>

namespace tessera::ui {

namespace {

QByteArray fingerprintOf(const QString& text)
{
    return QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256);
}

} // namespace

ClipboardHelper::ClipboardHelper(QObject* parent)
    : QObject(parent), m_clearSeconds(Preferences().clipboardClearSeconds())
{
    m_clearTimer.setSingleShot(true);
    connect(&m_clearTimer, &QTimer::timeout, this, &ClipboardHelper::clearNow);
}

ClipboardHelper::~ClipboardHelper()
{
    // Leaving a secret behind after quitting would defeat the timer.
    clearNow();
}

void ClipboardHelper::copySecret(const QString& text)
{
    auto* mime = new QMimeData;
    mime->setText(text);
    mime->setData(QString::fromLatin1(kConcealedMimeType), QByteArrayLiteral("secret"));
    QGuiApplication::clipboard()->setMimeData(mime, QClipboard::Clipboard);
    m_fingerprint = fingerprintOf(text);
    if (m_clearSeconds > 0) {
        m_clearTimer.start(m_clearSeconds * 1000);
    } else {
        m_clearTimer.stop();
    }
    Q_EMIT copied();
}

bool ClipboardHelper::clipboardStillOurs() const
{
    if (m_fingerprint.isEmpty() || !QGuiApplication::instance()) {
        return false;
    }
    const QMimeData* mime = QGuiApplication::clipboard()->mimeData(QClipboard::Clipboard);
    return mime && mime->hasText() && fingerprintOf(mime->text()) == m_fingerprint;
}

void ClipboardHelper::clearNow()
{
    m_clearTimer.stop();
    if (m_fingerprint.isEmpty()) {
        return;
    }
    const bool ours = clipboardStillOurs();
    m_fingerprint.clear();
    if (ours) {
        QGuiApplication::clipboard()->clear(QClipboard::Clipboard);
        Q_EMIT cleared();
    }
}

int ClipboardHelper::secondsUntilClear() const
{
    if (!m_clearTimer.isActive()) {
        return 0;
    }
    // A coarse timer may report slightly more than its interval.
    return std::min((m_clearTimer.remainingTime() + 999) / 1000, m_clearSeconds);
}

} // namespace tessera::ui
