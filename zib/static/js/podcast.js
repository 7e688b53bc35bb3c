/* Podcast pages: playback speed, chapter and transcript jump links, copying the feed address.
   Everything here is an enhancement: without JavaScript the native audio controls,
   #t= links to the audio file and a selectable address field do the same work. */
(function () {
    "use strict";

    function player(id) {
        var element = document.getElementById(id);
        return element && element.tagName === "AUDIO" ? element : null;
    }

    document.querySelectorAll("[data-speed-control]").forEach(function (wrapper) {
        var select = wrapper.querySelector("select");
        var audio = select && player(select.getAttribute("data-player"));
        if (!audio) {
            return;
        }
        wrapper.hidden = false;
        select.addEventListener("change", function () {
            audio.playbackRate = parseFloat(select.value) || 1;
        });
        // Some browsers reset the rate when a new source loads.
        audio.addEventListener("play", function () {
            audio.playbackRate = parseFloat(select.value) || 1;
        });
    });

    document.addEventListener("click", function (event) {
        var link = event.target.closest("a[data-seek]");
        if (!link) {
            return;
        }
        var audio = player(link.getAttribute("data-player"));
        var seconds = parseFloat(link.getAttribute("data-seek"));
        if (!audio || isNaN(seconds)) {
            return;
        }
        event.preventDefault();
        var seek = function () {
            audio.currentTime = seconds;
        };
        if (audio.readyState >= 1) {
            seek();
        } else {
            audio.addEventListener("loadedmetadata", seek, { once: true });
            audio.preload = "metadata";
            audio.load();
        }
        var playing = audio.play();
        if (playing && playing.catch) {
            playing.catch(function () {});
        }
        audio.focus();
    });

    document.querySelectorAll("[data-copy-source]").forEach(function (input) {
        input.addEventListener("focus", function () {
            input.select();
        });
    });

    document.querySelectorAll("[data-copy-button]").forEach(function (button) {
        var id = button.getAttribute("data-copy-button");
        var input = document.getElementById(id);
        var status = document.querySelector('[data-copy-status="' + id + '"]');
        if (!input) {
            return;
        }
        button.hidden = false;
        function say(text) {
            if (status) {
                status.textContent = text;
            }
        }
        function fallback() {
            input.focus();
            input.select();
            try {
                say(document.execCommand("copy") ? button.getAttribute("data-copied-text") : button.getAttribute("data-failed-text"));
            } catch (error) {
                say(button.getAttribute("data-failed-text"));
            }
        }
        button.addEventListener("click", function () {
            if (navigator.clipboard && window.isSecureContext) {
                navigator.clipboard.writeText(input.value).then(function () {
                    say(button.getAttribute("data-copied-text"));
                }, fallback);
            } else {
                fallback();
            }
        });
    });
})();
