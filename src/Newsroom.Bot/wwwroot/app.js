// Connects Bot Framework Web Chat to the bot. Kept out of index.html: the page's
// Content-Security-Policy allows no inline script.
(function () {
  'use strict';

  const status = document.getElementById('status');

  function showProblem(message) {
    status.textContent = message;
    status.hidden = false;
  }

  async function connect() {
    // Each page load asks for a new token, and so starts a new conversation.
    const response = await fetch('webchat/token', { method: 'POST', headers: { Accept: 'application/json' } });
    const connection = await response.json().catch(() => ({}));
    if (!response.ok || !connection.token) {
      throw new Error((connection.error && connection.error.message) || 'The chat service did not answer.');
    }

    const directLine = new window.DirectLine.DirectLine({
      domain: connection.domain,
      token: connection.token,
      webSocket: connection.webSocket,
      pollingInterval: connection.pollingInterval
    });

    window.WebChat.renderWebChat(
      {
        directLine,
        userID: connection.userId,
        locale: 'en-US',
        styleOptions: {
          hideUploadButton: true,
          botAvatarInitials: 'NB',
          userAvatarInitials: 'You',
          bubbleMaxWidth: 720,
          primaryFont: '"Segoe UI", system-ui, -apple-system, sans-serif'
        }
      },
      document.getElementById('webchat')
    );

    // Web Chat shows its own notice while reconnecting; say plainly when the conversation is over.
    directLine.connectionStatus$.subscribe(function (value) {
      if (value === window.DirectLine.ConnectionStatus.Ended) {
        showProblem('This conversation has ended. Reload the page to start a new one.');
      } else if (value === window.DirectLine.ConnectionStatus.FailedToConnect) {
        showProblem('Could not connect to the bot. Reload the page to try again.');
      }
    });
  }

  if (!window.WebChat || !window.DirectLine) {
    showProblem('The chat could not load (Web Chat is missing from this build).');
    return;
  }

  connect().catch(function (error) {
    showProblem(error.message);
  });
})();
