// The live task inbox: a minimal client of ASP.NET Core SignalR's JSON hub protocol over a
// WebSocket (no negotiation, no other transport), written for this page only. When the hub
// says a task was offered to one of the user's agencies (or one was reminded or escalated), the task lists are fetched again
// from the server - through the same query as the page, under the filter in the page's own query
// string - and swapped in; a polite live region tells screen-reader users, also when the filter
// hides the new task. Without JavaScript the page still works: reload shows new tasks.
// The lists are not swapped while the user is at one of their forms (a field or button has focus,
// or something was typed or chosen there) or while they show a refused action's errors: a
// half-typed reason or an error would be lost. Then a notice says the lists changed, with a
// button that swaps them in.
(function () {
    "use strict";
    var lists = document.getElementById("task-lists");
    var status = document.getElementById("live-status");
    var notice = document.getElementById("lists-notice");
    if (!lists || !status || !notice || !window.WebSocket) {
        return;
    }

    var separator = "\u001e";
    var retryMs = 1000;
    var pingTimer = null;

    function say(key) {
        status.textContent = status.getAttribute(key) || "";
    }

    // The lists handler under the page's filter. After an action the page answered itself (a
    // refusal) the address also names that action's handler and task: those are not the filter.
    function listsUrl() {
        var url = new URL(lists.getAttribute("data-lists-url"), window.location.href);
        new URLSearchParams(window.location.search).forEach(function (value, key) {
            var name = key.toLowerCase();
            if (name !== "handler" && name !== "id") {
                url.searchParams.append(key, value);
            }
        });
        return url.toString();
    }

    function taskIds(container) {
        var ids = {};
        container.querySelectorAll("tr[data-task-id]").forEach(function (row) {
            ids[row.getAttribute("data-task-id")] = true;
        });
        return ids;
    }

    function changed(field) {
        if (field.type === "hidden") {
            return false;
        }
        if (field.tagName === "SELECT") {
            // Without a selected attribute the first option is the one drawn.
            var drawn = 0;
            Array.prototype.forEach.call(field.options, function (option, index) {
                if (option.defaultSelected) {
                    drawn = index;
                }
            });
            return field.selectedIndex !== drawn;
        }
        if (field.type === "checkbox" || field.type === "radio") {
            return field.checked !== field.defaultChecked;
        }
        return field.value !== field.defaultValue;
    }

    // Whether swapping the lists now would take something from the user.
    function held() {
        var active = document.activeElement;
        return lists.getAttribute("data-hold") === "true"
            || (active && lists.contains(active) && active.closest("form") !== null)
            || Array.prototype.some.call(lists.querySelectorAll("input, select, textarea"), changed);
    }

    function showNotice() {
        if (notice.firstChild) {
            return;
        }
        var line = document.createElement("p");
        line.className = "notice";
        line.appendChild(document.createTextNode(notice.getAttribute("data-text") + " "));
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = notice.getAttribute("data-button");
        button.addEventListener("click", function () {
            refresh(null, true).catch(function () { say("data-offline"); });
        });
        line.appendChild(button);
        notice.appendChild(line);
    }

    function hideNotice() {
        notice.textContent = "";
    }

    // kind: "offered" (announced), "reminded" (the rows change), or null (anything missed while
    // connecting, or the user asked). Unless forced, the lists are kept while held().
    function refresh(kind, force) {
        return fetch(listsUrl(), { credentials: "same-origin", headers: { "Accept": "text/html" } })
            .then(function (response) {
                if (!response.ok) {
                    throw new Error("HTTP " + response.status);
                }
                return response.text();
            })
            .then(function (html) {
                var fresh = document.createElement("div");
                fresh.innerHTML = html;
                var before = taskIds(lists);
                var after = taskIds(fresh);
                var added = Object.keys(after).some(function (id) { return !before[id]; });
                var removed = Object.keys(before).some(function (id) { return !after[id]; });
                var hidden = kind === "offered" && !added && lists.getAttribute("data-filtered") === "true";
                if (!force && held()) {
                    if (added || removed || kind === "reminded") {
                        showNotice();
                    } else if (hidden) {
                        say("data-new-task-hidden");
                    }
                    return;
                }
                lists.innerHTML = html;
                lists.setAttribute("data-hold", "false");
                hideNotice();
                if (kind === "offered") {
                    say(hidden ? "data-new-task-hidden" : "data-new-task");
                }
            });
    }

    function onMessage(message) {
        // 1 = invocation, 6 = ping, 7 = close.
        if (message.type === 1 && message.target === "taskOffered") {
            refresh("offered").catch(function () { say("data-offline"); });
        } else if (message.type === 1 && message.target === "taskReminded") {
            // A reminder or an escalation: the rows say so; nothing new to announce.
            refresh("reminded").catch(function () { say("data-offline"); });
        } else if (message.type === 7) {
            say("data-offline");
        }
    }

    function connect() {
        var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
        var socket = new WebSocket(scheme + window.location.host + lists.getAttribute("data-hub"));
        var handshakeDone = false;
        var buffer = "";
        say("data-connecting");

        socket.onopen = function () {
            socket.send(JSON.stringify({ protocol: "json", version: 1 }) + separator);
        };

        socket.onmessage = function (event) {
            buffer += event.data;
            var frames = buffer.split(separator);
            buffer = frames.pop();
            frames.forEach(function (frame) {
                if (!frame) {
                    return;
                }
                var message = JSON.parse(frame);
                if (!handshakeDone) {
                    handshakeDone = true;
                    if (message.error) {
                        say("data-offline");
                        socket.close();
                        return;
                    }
                    retryMs = 1000;
                    say("data-live");
                    status.setAttribute("data-state", "live");
                    // Keep the connection alive: the server drops clients silent for 30 seconds.
                    pingTimer = window.setInterval(function () {
                        if (socket.readyState === WebSocket.OPEN) {
                            socket.send(JSON.stringify({ type: 6 }) + separator);
                        }
                    }, 15000);
                    // Anything offered while the page was loading or reconnecting.
                    refresh(null).catch(function () { say("data-offline"); });
                    return;
                }
                onMessage(message);
            });
        };

        socket.onclose = function () {
            status.removeAttribute("data-state");
            if (pingTimer) {
                window.clearInterval(pingTimer);
                pingTimer = null;
            }
            say("data-offline");
            window.setTimeout(connect, retryMs);
            retryMs = Math.min(retryMs * 2, 30000);
        };
    }

    connect();
}());
