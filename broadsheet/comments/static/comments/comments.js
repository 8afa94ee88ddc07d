// Inline replies: the reply link moves the comment form under the comment
// and sets its thread. Without JavaScript the link reloads the page with
// ?reply=<id>, which does the same on the server.
(function () {
  "use strict";
  var form = document.getElementById("leave-comment");
  if (!form) return;
  var home = document.createComment("comment form");
  form.parentNode.insertBefore(home, form);
  var parent = form.querySelector("input[name=parent]");
  var notice = form.querySelector(".comment-form__replying");
  var target = form.querySelector(".comment-form__replying-to");
  var heading = form.querySelector(".comment-form__heading");
  var cancel = form.querySelector(".comment-form__cancel");

  function replyTo(link) {
    var item = document.getElementById("comment-" + link.dataset.replyTo);
    var name = item.querySelector(".comment__name").textContent;
    parent.value = link.dataset.replyTo;
    target.textContent = "Replying to " + name + ".";
    heading.textContent = "Reply to " + name;
    notice.hidden = false;
    link.closest("article").after(form);
    form.querySelector("textarea").focus();
  }

  function reset() {
    parent.value = "";
    notice.hidden = true;
    heading.textContent = "Your comment";
    home.parentNode.insertBefore(form, home.nextSibling);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.comment__reply");
    if (link && link.dataset.replyTo) {
      event.preventDefault();
      replyTo(link);
    } else if (event.target.closest("a.comment-form__cancel")) {
      event.preventDefault();
      reset();
    }
  });
})();
