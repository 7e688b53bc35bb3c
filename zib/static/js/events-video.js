// Video statements: opening the closed <details> ("Abspielen") also starts the video;
// closing it pauses. Without this file the visitor presses play in the player.
// Safe to include more than once on a page.
document.querySelectorAll("details[data-video-player]:not([data-video-ready])").forEach((details) => {
    const video = details.querySelector("video");
    if (!video) return;
    details.dataset.videoReady = "true";
    details.addEventListener("toggle", () => {
        if (details.open) {
            video.play().catch(() => {});
            video.focus();
        } else {
            video.pause();
        }
    });
});
