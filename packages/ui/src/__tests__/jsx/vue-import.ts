// The one line a Vue project adds.
import '@consentry/ui/vue';
