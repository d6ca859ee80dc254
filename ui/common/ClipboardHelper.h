#pragma once

#include <QByteArray>
#include <QObject>
#include <QTimer>

namespace tessera::ui {

// Copies secrets to the clipboard the way password managers should: marked as concealed so
// clipboard managers skip them, and cleared after a delay, but only if the clipboard still holds
// what we put there (the user may have copied something else meanwhile).
class ClipboardHelper : public QObject
{
    Q_OBJECT

public:
    static constexpr int kDefaultClearSeconds = 10;
    static constexpr char kConcealedMimeType[] = "x-kde-passwordManagerHint";

    explicit ClipboardHelper(QObject* parent = nullptr);
    ~ClipboardHelper() override;

    // 0 keeps the text until the application quits; default from Preferences.
    void setClearSeconds(int seconds) { m_clearSeconds = seconds; }
    int clearSeconds() const { return m_clearSeconds; }

    void copySecret(const QString& text);
    void clearNow(); // clears only if the clipboard still holds our text
    bool isHoldingSecret() const { return !m_fingerprint.isEmpty(); }
    int secondsUntilClear() const;

Q_SIGNALS:
    void copied();
    void cleared();

private:
    bool clipboardStillOurs() const;

    QTimer m_clearTimer;
    QByteArray m_fingerprint; // hash of what we copied, so the secret itself is not kept
    int m_clearSeconds;
};

} // namespace tessera::ui
