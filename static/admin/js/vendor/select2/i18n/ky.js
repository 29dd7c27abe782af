/* Select2's messages in Kyrgyz, for the admin's autocomplete boxes (tags, photo, byline authors).
   Django ships Select2's own translations, and Kyrgyz is not among them; articles/apps.py tells
   Django this file exists. Same shape as Select2 4.0.13's i18n files. */
(function () {
  "use strict";
  var jQuery = window.jQuery || (window.django && window.django.jQuery);
  if (!(jQuery && jQuery.fn && jQuery.fn.select2 && jQuery.fn.select2.amd)) {
    return;
  }
  jQuery.fn.select2.amd.define("select2/i18n/ky", [], function () {
    return {
      errorLoading: function () { return "Жыйынтыктар жүктөлгөн жок"; },
      inputTooLong: function (args) { return (args.input.length - args.maximum) + " белгини өчүрүңүз"; },
      inputTooShort: function (args) { return "Дагы " + (args.minimum - args.input.length) + " белги жазыңыз"; },
      loadingMore: function () { return "Дагы жүктөлүүдө…"; },
      maximumSelected: function (args) { return "Эң көп " + args.maximum + " нерсе тандай аласыз"; },
      noResults: function () { return "Эч нерсе табылган жок"; },
      searching: function () { return "Изделүүдө…"; },
      removeAllItems: function () { return "Баарын алып салуу"; },
      removeItem: function () { return "Алып салуу"; },
      search: function () { return "Издөө"; }
    };
  });
})();
